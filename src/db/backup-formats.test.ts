import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backupKindOf } from './backup-files.ts';
import { majorVersionOf } from './backup-postgres.ts';

describe('telling backups apart', () => {
  it('recognises a pg_dump custom archive, a gzipped tarball and a plain tarball', () => {
    expect(backupKindOf(Buffer.from('PGDMP\x01\x0f\x00'))).toBe('postgres');
    expect(backupKindOf(gzipSync(Buffer.from('anything')))).toBe('embedded');
    const tar = Buffer.alloc(512);
    tar.write('ustar', 257, 'latin1');
    expect(backupKindOf(tar)).toBe('embedded');
    expect(backupKindOf(Buffer.from('{"hello": "world"}'))).toBe('unknown');
    expect(backupKindOf(Buffer.alloc(0))).toBe('unknown');
  });
});

describe('PostgreSQL tools', () => {
  it('reads the major version of pg_dump and pg_restore', () => {
    expect(majorVersionOf('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe(15);
    expect(majorVersionOf('pg_restore (PostgreSQL) 17.2\n')).toBe(17);
    expect(majorVersionOf('something else')).toBeUndefined();
  });
});

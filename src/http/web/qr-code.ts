import QRCode from 'qrcode';

/**
 * A QR code as inline SVG, drawn on the server: no image service sees the secret it carries, and
 * nothing needs to be loaded (the CSP allows no data: images). Dark on light whatever the theme,
 * since scanners need the contrast; `label` is what a screen reader says instead.
 */
export async function qrCodeSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const escaped = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${escaped}" width="192" height="192" `);
}

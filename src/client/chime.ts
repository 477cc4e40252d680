import { readSetting } from './storage.ts';

/**
 * A soft, short sine tone for "time's up" (about 0.4 s, gentle attack and fade). Browsers only
 * let a page make sound after the person has interacted with it; without that we stay silent
 * rather than log autoplay warnings.
 */
export function playChime(): void {
  if (readSetting('ds-sound') === 'off') return;
  if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
  const AudioContextClass = window.AudioContext as typeof AudioContext | undefined;
  if (!AudioContextClass) return;
  try {
    const context = new AudioContextClass();
    const tone = context.createOscillator();
    const gain = context.createGain();
    const start = context.currentTime;
    tone.type = 'sine';
    tone.frequency.setValueAtTime(660, start);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.18, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.4);
    tone.connect(gain).connect(context.destination);
    tone.start(start);
    tone.stop(start + 0.42);
    tone.onended = () => void context.close();
  } catch {
    // No audio device, or audio is blocked: the notification and the page still say it.
  }
}

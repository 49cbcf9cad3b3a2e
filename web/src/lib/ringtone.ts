/**
 * A ring generated with Web Audio, so there is no sound file to ship or fail to load. Browsers
 * only let a page make sound after the user has interacted with it: the context is created or
 * resumed on the first gesture. Nothing here ever throws; without audio the popup is silent.
 */

type AudioContextClass = typeof AudioContext;

/** One ring: two short bursts of a two-tone chord, then silence (a classic double ring). */
const TONES_HZ = [400, 450];
const BURSTS: [start: number, length: number][] = [
  [0, 0.4],
  [0.6, 0.4],
];
const CYCLE_MS = 3000;
const VOLUME = 0.12;
const RAMP_S = 0.02;

let context: AudioContext | null = null;
let timer: number | undefined;
let unlockInstalled = false;

function contextClass(): AudioContextClass | null {
  const g = globalThis as typeof globalThis & { webkitAudioContext?: AudioContextClass };
  return g.AudioContext ?? g.webkitAudioContext ?? null;
}

function getContext(): AudioContext | null {
  if (context) return context;
  const Ctor = contextClass();
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    context = null;
  }
  return context;
}

/** Resolves once the context runs (or has given up trying); never rejects. */
function resume(): Promise<void> {
  const ctx = getContext();
  if (!ctx || ctx.state !== 'suspended') return Promise.resolve();
  try {
    return ctx.resume().catch(() => undefined);
  } catch {
    return Promise.resolve();
  }
}

/** Rings now if audio runs, or once as soon as it does (a resume may wait for a gesture). */
let waitingForAudio = false;
function ringSoon(): void {
  if (context?.state === 'running') return ringOnce();
  if (waitingForAudio) return;
  waitingForAudio = true;
  void resume().then(() => {
    waitingForAudio = false;
    if (timer !== undefined) ringOnce();
  });
}

function ringOnce(): void {
  const ctx = context;
  if (!ctx || ctx.state !== 'running') return;
  try {
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const now = ctx.currentTime + 0.05;
    for (const [start, length] of BURSTS) {
      // Short ramps instead of hard edges: a square on/off clicks audibly.
      gain.gain.setValueAtTime(0, now + start);
      gain.gain.linearRampToValueAtTime(VOLUME, now + start + RAMP_S);
      gain.gain.setValueAtTime(VOLUME, now + start + length - RAMP_S);
      gain.gain.linearRampToValueAtTime(0, now + start + length);
    }
    const last = BURSTS[BURSTS.length - 1];
    const end = now + (last ? last[0] + last[1] : 1) + 0.05;
    for (const hz of TONES_HZ) {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(now);
      osc.stop(end);
    }
    window.setTimeout(() => {
      try {
        gain.disconnect();
      } catch {
        /* already gone */
      }
    }, (end - ctx.currentTime) * 1000 + 200);
  } catch {
    /* audio unavailable: stay silent */
  }
}

/**
 * Listens once for the first click or key press anywhere, and makes audio possible from then on.
 * Creating the context before a gesture would only log a warning in the console.
 */
export function installAudioUnlock(): void {
  if (unlockInstalled || typeof window === 'undefined' || !contextClass()) return;
  unlockInstalled = true;
  const unlock = () => {
    void resume().then(() => {
      if (context?.state !== 'running') return;
      window.removeEventListener('pointerdown', unlock, true);
      window.removeEventListener('keydown', unlock, true);
    });
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
}

export function isRinging(): boolean {
  return timer !== undefined;
}

/** Starts ringing (again a no-op while already ringing). */
export function startRinging(): void {
  if (timer !== undefined) return;
  try {
    timer = window.setInterval(ringSoon, CYCLE_MS);
    ringSoon();
  } catch {
    timer = undefined;
  }
}

export function stopRinging(): void {
  if (timer === undefined) return;
  window.clearInterval(timer);
  timer = undefined;
}

/**
 * Property tests explore new random inputs on every local run (that is how they find bugs: the
 * Twilio "toString" field was one). In CI (`CI=true`) the seed is fixed, so a submission is judged
 * on the same inputs every time; MUJIB_FC_SEED picks another seed to replay a local failure.
 */
import fc from 'fast-check';

const seed = process.env.MUJIB_FC_SEED ?? (process.env.CI ? '20261202' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });

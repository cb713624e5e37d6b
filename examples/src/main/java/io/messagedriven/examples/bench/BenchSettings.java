package io.messagedriven.examples.bench;

/**
 * What a benchmark run measures.
 *
 * @param events events per drain run
 * @param runs measured runs per benchmark; medians are reported
 * @param writers threads of the write benchmark
 * @param users users created per write run
 * @param rate events per second of the latency benchmark
 * @param seconds length of the latency benchmark
 * @param heapEvents events of the heap benchmark
 * @param batchSize the publishers' batch size
 * @param workers the publishers' worker threads
 */
record BenchSettings(
    int events, int runs, int writers, int users, int rate, int seconds, int heapEvents, int batchSize, int workers) {

  static final BenchSettings FULL = new BenchSettings(100_000, 3, 16, 20_000, 1_000, 60, 1_000_000, 500, 4);
  static final BenchSettings SMOKE = new BenchSettings(2_000, 1, 4, 400, 200, 2, 20_000, 500, 4);
}

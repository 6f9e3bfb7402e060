// The tests mostly wait on hosts, the engine's queues and Azurite rather than the CPU, so more collections run at
// once than the machine has cores.
[assembly: CollectionBehavior(MaxParallelThreads = 6)]

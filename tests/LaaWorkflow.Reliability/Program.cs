// The fault and abuse command: runs each scenario, prints the table and writes RELIABILITY.md.
// Filled in by the reliability work; see scripts/reliability.sh.
return 0;

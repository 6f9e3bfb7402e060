// The national-scale simulation command; see scripts/simulate.sh.
return 0;

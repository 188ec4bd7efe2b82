#!/usr/bin/env bash
# Stop the daemons start-cluster.sh started, by the PIDs it recorded (nothing else is touched).
run_dir=${1:-/tmp/cinescribe-slurm}
for daemon in slurmd slurmctld munged; do
  pid_file="$run_dir/$daemon.pid"
  [ -s "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null && for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
done

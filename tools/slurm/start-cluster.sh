#!/usr/bin/env bash
# Start a one-node SLURM cluster on this machine (Debian packages), for tests of `--profile profiles/slurm`.
# Prints the PIDs of the daemons it started, one per line; stop-cluster.sh ends exactly those.
# The config goes to /etc/slurm/slurm.conf: the slurm executor's job step does not pass SLURM_CONF on.
set -euo pipefail
run_dir=${1:-/tmp/cinescribe-slurm}
min_job_age=${SLURM_MIN_JOB_AGE:-600}  # seconds a finished job stays in squeue (SLURM allows 2 and up)
mkdir -p "$run_dir"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
   || ! command -v sbatch >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

host=$(hostname -s)
cpus=$(getconf _NPROCESSORS_ONLN)  # not nproc: it obeys OMP_NUM_THREADS, and the node would get fewer CPUs
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=cinescribe
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=$min_job_age
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
GresTypes=gpu
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$run_dir/slurmctld.pid
SlurmdPidFile=$run_dir/slurmd.pid
SlurmctldLogFile=$run_dir/slurmctld.log
SlurmdLogFile=$run_dir/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem_mb Gres=gpu:1 State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# A fake GPU: lets rules that request one be scheduled on a machine without any.
echo "NodeName=$host Name=gpu File=/dev/null" > /etc/slurm/gres.conf

chown munge:munge /run/munge 2>/dev/null || true
munged --force --pid-file="$run_dir/munged.pid" --log-file="$run_dir/munged.log"
for _ in $(seq 50); do [ -s "$run_dir/munged.pid" ] && break; sleep 0.1; done
slurmctld -i
slurmd
for _ in $(seq 100); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1)
  [ "$state" = "idle" ] && break
  sleep 0.2
done
[ "$state" = "idle" ] || { echo "SLURM node did not become idle (state: ${state:-none})" >&2; exit 1; }
for daemon in munged slurmctld slurmd; do
  for _ in $(seq 50); do [ -s "$run_dir/$daemon.pid" ] && break; sleep 0.1; done
  cat "$run_dir/$daemon.pid"
done

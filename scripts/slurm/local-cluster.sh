#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying `emtd sweep --executor slurm` and for the test suite:
#   scripts/slurm/local-cluster.sh start DIR   → writes DIR/slurm.conf, starts munged (if needed), slurmctld, slurmd;
#                                                prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm/local-cluster.sh stop DIR    → stops the daemons started from DIR
# Needs root and Debian's slurm-wlm and munge (no systemd: the daemons are started directly). Ports: 16817/16818
# unless SLURMCTLD_PORT / SLURMD_PORT say otherwise (loopback only: SlurmctldHost=localhost).
set -euo pipefail
action=${1:?usage: local-cluster.sh start|stop DIR}
dir=$(mkdir -p "${2:?usage: local-cluster.sh start|stop DIR}" && cd "$2" && pwd)
conf="$dir/slurm.conf"

stop() {
  for daemon in slurmd slurmctld; do
    if [ -f "$dir/$daemon.pid" ]; then
      pid=$(cat "$dir/$daemon.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done   # let it save its state and exit
      rm -f "$dir/$daemon.pid"
    fi
  done
}

if [ "$action" = stop ]; then stop; exit 0; fi
[ "$action" = start ] || { echo "local-cluster.sh: action must be start or stop (got $action)" >&2; exit 2; }
for tool in munged slurmctld slurmd sbatch squeue; do
  command -v "$tool" >/dev/null || { echo "local-cluster.sh: $tool not found (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "local-cluster.sh: must run as root (slurmd starts jobs as their user)" >&2; exit 3; }

# munge: a key (Debian's postinst makes one; create it if missing) and a running daemon.
if ! munge -n >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; }
  chown -R munge:munge /etc/munge 2>/dev/null || true; chmod 0400 /etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge; chown munge:munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  if id munge >/dev/null 2>&1; then su -s /bin/sh munge -c /usr/sbin/munged || /usr/sbin/munged --force; else /usr/sbin/munged --force; fi
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
fi

stop
mkdir -p "$dir/state" "$dir/spool"
node=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) / 1024 * 9 / 10 ))
cat > "$conf" <<CONF
ClusterName=emtd-local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
DefMemPerCPU=$(( memory / cpus ))
NodeName=$node CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf
slurmctld -f "$conf" -i
slurmd -f "$conf"
for _ in $(seq 100); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && { echo "export SLURM_CONF=$conf"; exit 0; }
  sleep 0.2
done
echo "local-cluster.sh: the node did not become idle within 20 s; see $dir/slurmctld.log and $dir/slurmd.log" >&2
stop
exit 1

#!/usr/bin/env bash
# Host-networking benchmark (see Sources/NetBench/main.swift). Release build; needs root.
# Also times the whole `hvsh` process for the article's commands when the main package's release
# hvsh can run them, against the same commands typed as `ip`/`nft` in a shell.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-20}"
cd "$here"
swift build -c release --product NetBench 2>&1 | tail -1
"$here/.build/release/NetBench" "$runs"

hvsh="$here/../../.build/release/hvsh"
if [[ -x "$hvsh" ]]; then
  script=$(mktemp --suffix=.ps1)
  cat >"$script" <<'PS'
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal
New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’
Get-NetAdapter | ft -Autosize
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24
PS
  cmds=$(mktemp)
  cat >"$cmds" <<'SH'
ip link add hvsbench type bridge && ip link set hvsbench alias NAT-Switch && ip link set hvsbench up &&
ip link add hvebench type veth peer name hvpbench && ip link set hvebench alias "vEthernet (NAT-Switch)" &&
ip link set hvpbench master hvsbench && ip link set hvpbench up && ip link set hvebench up &&
echo 1 > /proc/sys/net/ipv4/ip_forward && ip -br link >/dev/null && ip addr add 192.168.2.1/24 dev hvebench &&
nft -f - <<'NFT'
add table inet hvsh
add chain inet hvsh nat-postrouting { type nat hook postrouting priority srcnat; policy accept; }
add rule inet hvsh nat-postrouting ip saddr 192.168.2.0/24 ip daddr != 192.168.2.0/24 masquerade comment "NAT-net"
NFT
SH
  time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || return 1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
  declare -a a b
  # `hvsh -Sandbox` makes its own namespace (and a temporary inventory); the shell commands get
  # theirs from `unshare -n`. Both columns are whole processes, start to exit.
  declare -a c d e
  # A pause before each timed run keeps the previous run's namespace teardown (asynchronous in the
  # kernel) off its clock.
  settle() { sleep 0.03; }
  for i in $(seq 0 "$runs"); do
    settle
    # -Sandbox with no HVSH_HOME: its throwaway inventory goes to /dev/shm (tmpfs).
    if ! t=$(unset HVSH_HOME; time_ms "$hvsh" -NoProfile -Sandbox -File "$script"); then
      echo "whole process: hvsh could not run the article's commands"; break
    fi
    # The same with the inventory on disk (how -Sandbox worked before: a /tmp scratch home).
    home=$(mktemp -d /tmp/hvsh-bench.XXXXXX)
    settle
    w=$(HVSH_HOME="$home" time_ms "$hvsh" -NoProfile -Sandbox -File "$script")
    rm -rf "$home"
    # And as -Sandbox worked before these changes: hvsh started a second time (re-exec) and a
    # scratch inventory on disk.
    home=$(mktemp -d /tmp/hvsh-bench.XXXXXX)
    settle
    x=$(HVSH_HOME="$home" HVSH_SANDBOX_REEXEC=1 time_ms "$hvsh" -NoProfile -Sandbox -File "$script")
    rm -rf "$home"
    home=$(mktemp -d /dev/shm/hvsh-bench.XXXXXX)
    settle
    v=$(HVSH_HOME="$home" time_ms unshare -n "$hvsh" -NoProfile -File "$script")
    rm -rf "$home"
    settle
    u=$(time_ms unshare -n bash "$cmds")
    if (( i > 0 )); then a+=("$t"); c+=("$v"); b+=("$u"); d+=("$w"); e+=("$x"); fi
  done
  if (( ${#a[@]} > 0 )); then
    med() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)/1000}'; }
    echo "whole process, ${#a[@]} runs, median ms:"
    echo "  hvsh -Sandbox -File article.ps1 (scratch inventory on tmpfs): $(med "${a[@]}")"
    echo "  hvsh -Sandbox -File article.ps1, HVSH_HOME on disk (/tmp):    $(med "${d[@]}")"
    echo "  the same, re-executing hvsh as -Sandbox did before:           $(med "${e[@]}")"
    echo "  unshare -n hvsh -File article.ps1, HVSH_HOME on tmpfs:        $(med "${c[@]}")"
    echo "  unshare -n bash with the same changes as ip/nft:             $(med "${b[@]}")"
  fi
  rm -f "$script" "$cmds"
else
  echo "(no release hvsh at $hvsh: build it with 'swift build -c release --product hvsh' for the whole-process comparison)"
fi

// CPU time of processes from /proc (Linux): a server's process and all its descendants, or PostgreSQL's backends of
// one database. utime + stime in clock ticks; a process that ends between two readings takes its time with it, so
// the readings are taken around phases in which the servers keep their processes and connections.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

type Stat = { pid: number; ppid: number; cpuTicks: number; start: number };

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      start: Number(fields[19]),
    };
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** CPU milliseconds per process (keyed by pid and start time, so a reused pid is another process). */
export type CpuReading = Map<string, number>;

function reading(stats: Stat[]): CpuReading {
  const ms = 1000 / clockTicks();
  return new Map(stats.map((s) => [`${s.pid}@${s.start}`, s.cpuTicks * ms]));
}

/** The process `root` and every descendant of it. */
export function treeCpu(root: number): CpuReading {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const self = stats.find((s) => s.pid === root);
  if (!self) return new Map();
  const tree: Stat[] = [];
  const walk = (s: Stat) => {
    tree.push(s);
    for (const child of children.get(s.pid) ?? []) walk(child);
  };
  walk(self);
  return reading(tree);
}

/** The processes `pids` (PostgreSQL's backends of the bench database, from pg_stat_activity). */
export function pidsCpu(pids: readonly number[]): CpuReading {
  return reading(pids.map(readStat).filter((s): s is Stat => s !== null));
}

/** CPU ms spent between two readings: processes in both by their difference, processes started since in full. */
export function cpuBetween(before: CpuReading, after: CpuReading): number {
  let total = 0;
  for (const [key, ms] of after) total += ms - (before.get(key) ?? 0);
  return total;
}

/** The 1-, 5- and 15-minute load averages. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [one!, five!, fifteen!];
}

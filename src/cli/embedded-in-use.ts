/**
 * PGlite takes no lock on its data directory, and two processes writing one directory corrupt it.
 * On Linux the process that has it open can be found through /proc: PostgreSQL keeps its catalog
 * files open for as long as the database is open.
 */
import { readdirSync, readlinkSync } from "node:fs";
import { resolve, sep } from "node:path";

function linksOf(pid: string): string[] {
  try {
    const dir = `/proc/${pid}/fd`;
    return readdirSync(dir).flatMap((fd) => {
      try {
        return [readlinkSync(`${dir}/${fd}`)];
      } catch {
        return [];
      }
    });
  } catch {
    // Another user's process, or one that just ended.
    return [];
  }
}

/** The id of another process that has files of the directory open, or null (also where /proc is absent). */
export function processUsing(directory: string): number | null {
  const prefix = resolve(directory) + sep;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return null;
  }
  const holder = pids.find((pid) => linksOf(pid).some((target) => target.startsWith(prefix)));
  return holder === undefined ? null : Number(holder);
}

import { readdirSync, readFileSync } from 'node:fs'

/**
 * Whether any live process is left in process group `pgid`. A server's workers that outlive its
 * main process are reparented to PID 1, and where PID 1 does not reap (a container's own
 * command, a micro-VM's init), they stay as zombies that `kill(-pgid, 0)` still counts: on
 * Linux the group's members are read from /proc and zombies are left out; elsewhere the kill
 * probe answers.
 */
export function processGroupAlive(pgid: number): boolean {
  const members = linuxGroupMembers(pgid)
  if (members !== null) return members.length > 0
  try {
    process.kill(-pgid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pids of group `pgid` that have not exited, from /proc; null where /proc cannot be read. */
export function linuxGroupMembers(pgid: number): number[] | null {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return null
  }
  const members: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry))
  }
  return members
}

/** Sends `signal` to every process of group `pgid`; a group already gone is not an error. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

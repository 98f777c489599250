/**
 * The machine a run measured: figures mean little without it.
 */
import { cpus, loadavg, totalmem } from 'node:os';

/** What the results file says about the machine. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15-minute load averages when the run started. */
  loadAverageAtStart: [number, number, number];
}

/** Describes this machine now. */
export function describeMachine(): MachineInfo {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: [one, five, fifteen].map((v) => Math.round(v * 100) / 100) as [
      number,
      number,
      number,
    ],
  };
}

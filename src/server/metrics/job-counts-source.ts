import { getMetrics, type JobCount } from "./registry";

/** The job runner tells /metrics how to count its jobs by queue and state (read at scrape time). */
export function setJobCountsSource(read: (() => Promise<JobCount[]>) | undefined): void {
  getMetrics().sources.jobCounts = read;
}

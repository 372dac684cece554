export { planPod, type PodPlan, type ContainerPlan, type Handler, type ProbePlan } from './plan';
export { replayPod, WINDOW_MS, MAX_GRACE_SECONDS, type ReplayResult, type ReplayEvent, type Scenario, type ReplayOptions } from './run';
export { timelineLines, sayReplay } from './timeline';
export { probeFailureOf, type ProbeFailure } from './probe-failure';

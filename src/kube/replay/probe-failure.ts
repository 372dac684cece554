/**
 * Why a network handler (httpGet, tcpSocket) failed, as a kubelet would say it. The replay fires
 * these handlers with busybox's wget and nc from a helper in the pod's network namespace; their
 * exit code is 1 for every failure, so the reason comes from what they wrote on stderr.
 * A kubelet reports `HTTP probe failed with statuscode: 404`, `dial tcp …:8080: connect:
 * connection refused`, or a timeout: these are the same three facts.
 */
export type ProbeFailure =
  | { kind: 'refused'; port: number }
  | { kind: 'status'; status: number }
  | { kind: 'timeout' }
  /** Anything else the tool said, as it said it (without its `wget: ` prefix). */
  | { kind: 'other'; text: string };

/** The failure in a handler's stderr, or null when it says nothing we can use. */
export function probeFailureOf(port: number, stderr: string | null): ProbeFailure | null {
  const text = (stderr ?? '').trim();
  if (!text) return null;
  const status = /server returned error: HTTP\/\d(?:\.\d)? (\d{3})/.exec(text);
  if (status) return { kind: 'status', status: Number(status[1]) };
  if (/connection refused/i.test(text)) return { kind: 'refused', port };
  if (/timed out/i.test(text)) return { kind: 'timeout' };
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  return { kind: 'other', text: line.replace(/^(wget|nc): /, '').trim().slice(0, 80) };
}

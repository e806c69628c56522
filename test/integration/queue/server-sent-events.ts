/** One server-sent event as a client reads it. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a text/event-stream response, handing each event to `onEvent` until it returns true (or the
 * stream ends); then cancels the stream and resolves with every event read.
 */
export async function readEventStream(response: Response, onEvent: (event: ServerSentEvent) => boolean): Promise<ServerSentEvent[]> {
  if (!response.body) throw new Error('the response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const parsed = parseBlock(block);
        if (!parsed) continue;
        events.push(parsed);
        if (onEvent(parsed)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return null;
  return { event, data: JSON.parse(data.join('\n')) as unknown };
}

/**
 * Standard output for the commands' results. A reader that stops early
 * (`slsim run F --json - | head`) closes the pipe: the rest of the output is
 * dropped and the command ends as it would have, with no stack trace, as any
 * Unix tool does (docs/cli.md). Node opens the stream only when it is first
 * used, which loads its stream modules: `run --quiet` never asks for it.
 */
let stream: NodeJS.WriteStream | null = null;

export function standardOutput(): NodeJS.WriteStream {
  if (stream === null) {
    stream = process.stdout;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
  return stream;
}

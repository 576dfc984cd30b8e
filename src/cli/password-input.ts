import readline from 'node:readline';

/** Reads a password: the first line of stdin when piped, or a hidden prompt (asked twice) on a terminal. */
export async function readPassword(stdin: NodeJS.ReadableStream & { isTTY?: boolean }, stderr: NodeJS.WritableStream): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const first = await hiddenPrompt(stdin, stderr, 'Password: ');
  const second = await hiddenPrompt(stdin, stderr, 'Password again: ');
  if (first !== second) throw new Error('the two passwords do not match');
  return first;
}

function hiddenPrompt(stdin: NodeJS.ReadableStream, stderr: NodeJS.WritableStream, question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: stdin, output: stderr, terminal: true });
    const rlAny = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let muted = false;
    rlAny._writeToOutput = (s: string) => {
      if (!muted || s.includes('\n')) rlAny.output.write(muted ? '\n' : s);
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

/**
 * Worker-thread entry of the tree critic (tree-threads.ts): fits each fold posted to it
 * and posts back its test logits and gains. The features arrive in shared memory.
 */
import { parentPort } from 'node:worker_threads';
import { treeFold } from './tree-fold.js';
import type { TreeRequest, TreeReply } from './tree-threads.js';

const port = parentPort;
if (!port) throw new Error('tree-worker.js runs as a worker thread');
port.on('message', (request: TreeRequest) => {
  let reply: TreeReply;
  try {
    const result = treeFold(request.job);
    reply = { id: request.id, logits: result.logits, gain: result.gain };
    port.postMessage(reply, [result.logits.buffer as ArrayBuffer, result.gain.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});

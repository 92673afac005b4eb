// The typed IPC protocol between LocalEngine (extension process) and the worker (child process
// running node-llama-cpp). Plain JSON over child_process.fork's channel.
import type { ChatMessage, FimRequest, FimResult } from '../types';

export interface LoadOptions {
  modelPath: string;
  contextSize: number;
  /** Threads for evaluation (already resolved: never 0). */
  threads: number;
  draftModelPath?: string;
  /** 'auto' tries CUDA/Vulkan/Metal prebuilt binaries, falling back to CPU; false is CPU only. */
  gpu: 'auto' | false;
}

export type FimJob = Omit<FimRequest, 'signal'>;

export type ParentMessage =
  | { type: 'load'; options: LoadOptions }
  | { type: 'fim'; id: number; request: FimJob }
  | { type: 'chat'; id: number; messages: ChatMessage[]; maxTokens: number; temperature?: number }
  | { type: 'abort'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'dispose' };

export interface LoadedInfo {
  modelName: string;
  /** The compute backend in use: 'cuda', 'vulkan', 'metal' or false for CPU. */
  gpu: string | false;
  threads: number;
  contextSize: number;
  loadMs: number;
  draftModel: boolean;
}

export interface ChatDone {
  text: string;
  finishReason: 'stop' | 'length' | 'aborted';
  inputTokens: number;
  outputTokens: number;
  modelMs: number;
}

export interface WorkerStats {
  rssBytes: number;
  heapUsedBytes: number;
}

export type ChildMessage =
  | { type: 'loaded'; info: LoadedInfo }
  | { type: 'loadError'; message: string }
  | { type: 'delta'; id: number; text: string }
  | { type: 'fimDone'; id: number; result: FimResult }
  | { type: 'chatDone'; id: number; result: ChatDone }
  | { type: 'error'; id: number; message: string }
  | { type: 'stats'; id: number; stats: WorkerStats }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

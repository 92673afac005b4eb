// Native tool use through both providers against the loopback servers, as the public wire
// protocols define it: Anthropic tool_use blocks (input_json_delta, stop_reason tool_use) with
// signed thinking sent back on the next turn; OpenAI delta.tool_calls fragments (finish_reason
// tool_calls) and `tool` messages; an OpenAI-compatible server; malformed arguments.
import * as assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/log';
import type { ChatMessage, ChatRequest, StreamEvent, ToolSpec } from '../../../src/core/providers/types';
import { anthropicHarness, HARNESSES, openaiHarness } from './harness';

const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Read a workspace file, optionally a line range.',
  inputSchema: { type: 'object', properties: { path: { type: 'string' }, startLine: { type: 'integer' }, endLine: { type: 'integer' } }, required: ['path'] },
};

for (const h of HARNESSES) {
  describe(`tool use: ${h.label}`, () => {
    it('streams a tool call with its arguments assembled, then accepts the results on the next turn', async () => {
      const fake = await h.start([
        { text: 'I need the helper.', thinking: 'The caller indexes with lastIndex.', reasoningField: 'reasoning_content', toolCalls: [{ name: 'read_file', input: { path: 'src/stats.js', startLine: 1, endLine: 4 } }] },
        { text: 'The helper is off by one.' },
      ]);
      try {
        const provider = h.provider(fake.url, new MemoryLogger());
        const events: StreamEvent[] = [];
        const messages: ChatMessage[] = [{ role: 'system', content: 'You debug.' }, { role: 'user', content: 'Why does report() throw?', cache: true }];
        const req = (m: ChatMessage[]): ChatRequest => ({ messages: m, purpose: 'deep-debug', reasoning: 'low', tools: [READ_FILE] });
        const first = await provider.chat(req(messages), (e) => events.push(e));
        assert.equal(first.finishReason, 'stop');
        assert.equal(first.text, 'I need the helper.');
        assert.equal(first.toolCalls?.length, 1);
        const call = first.toolCalls![0];
        assert.equal(call.name, 'read_file');
        assert.deepEqual(call.input, { path: 'src/stats.js', startLine: 1, endLine: 4 });
        assert.equal(call.error, undefined);
        assert.ok(call.id.length > 4);
        assert.deepEqual(events.filter((e) => e.type === 'tool-call').map((e) => (e as { call: { id: string } }).call.id), [call.id]);

        const body = fake.requests[0].body;
        if (h.name === 'anthropic') {
          assert.deepEqual(body.tools, [{ name: 'read_file', description: READ_FILE.description, input_schema: READ_FILE.inputSchema }]);
          assert.equal(first.thinkingBlocks?.[0].signature?.length ? true : false, true, 'the signed thinking is kept');
        } else {
          assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'read_file', description: READ_FILE.description, parameters: READ_FILE.inputSchema } }]);
          assert.equal(body.tool_choice, 'auto');
        }

        const next: ChatMessage[] = [...messages,
          { role: 'assistant', content: first.text, toolCalls: first.toolCalls, ...(first.thinkingBlocks ? { thinkingBlocks: first.thinkingBlocks } : {}) },
          { role: 'user', content: '', toolResults: [{ callId: call.id, name: call.name, content: '2 | function lastIndex(items) {\n3 |   return items.length;\n4 | }' }] },
        ];
        const second = await provider.chat(req(next));
        assert.equal(second.finishReason, 'stop', second.errorMessage);
        assert.equal(second.text, 'The helper is off by one.');
        assert.equal(second.toolCalls, undefined);
        const sent = fake.requests[1].body;
        if (h.name === 'anthropic') {
          const assistant = sent.messages[1].content;
          assert.deepEqual(assistant.map((b: { type: string }) => b.type), ['thinking', 'text', 'tool_use'], 'thinking first, as the API requires');
          assert.deepEqual(sent.messages[2].content, [{ type: 'tool_result', tool_use_id: call.id, content: next[3].toolResults![0].content }]);
        } else {
          assert.equal(sent.messages[2].tool_calls[0].id, call.id);
          assert.equal(sent.messages[2].tool_calls[0].function.arguments, JSON.stringify(call.input));
          assert.deepEqual(sent.messages[3], { role: 'tool', tool_call_id: call.id, content: next[3].toolResults![0].content });
        }
      } finally {
        await fake.close();
      }
    });

    it('a malformed call (arguments not JSON) comes back as a call with an error, not a crash', async () => {
      const fake = await h.start({ text: '', toolCalls: [{ name: 'read_file', rawArguments: '{"path": "src/a.ts", ' }, { name: 'read_file', input: { path: 'b.ts' } }] });
      try {
        const result = await h.provider(fake.url, new MemoryLogger()).chat({ messages: [{ role: 'user', content: 'go' }], purpose: 'deep-debug', tools: [READ_FILE] });
        assert.equal(result.toolCalls?.length, 2);
        assert.match(result.toolCalls![0].error ?? '', /not valid JSON/);
        assert.equal(result.toolCalls![0].rawInput, '{"path": "src/a.ts", ');
        assert.deepEqual(result.toolCalls![1].input, { path: 'b.ts' });
      } finally {
        await fake.close();
      }
    });

    it('a stream cut in the middle of a call keeps the text, marks the call cut', async () => {
      const fake = await h.start({ text: 'Reading.', chunk: 4, toolCalls: [{ name: 'read_file', input: { path: 'src/long/path/to/file.ts' } }], cut: { after: 4, how: 'reset' } });
      try {
        const result = await h.provider(fake.url, new MemoryLogger(), { maxRetries: 0 }).chat({ messages: [{ role: 'user', content: 'go' }], purpose: 'deep-debug', tools: [READ_FILE] });
        assert.equal(result.finishReason, 'error');
        assert.equal(result.text, 'Reading.');
        assert.match(result.toolCalls?.[0].error ?? '', /cut off/);
      } finally {
        await fake.close();
      }
    });
  });
}

describe('tool use: the fakes refuse what the real APIs refuse', () => {
  it('a tool result that answers no call is a 400 (Anthropic and OpenAI)', async () => {
    for (const h of [anthropicHarness, openaiHarness]) {
      const fake = await h.start({ text: 'x' });
      try {
        const provider = h.provider(fake.url, new MemoryLogger(), { maxRetries: 0 });
        await assert.rejects(provider.chat({
          messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'user', content: '', toolResults: [{ callId: 'nope', name: 'read_file', content: 'x' }] }],
          purpose: 'deep-debug', tools: [READ_FILE],
        }));
      } finally {
        await fake.close();
      }
    }
  });

  it('an OpenAI-compatible server gets the same function-calling body', async () => {
    const fake = await openaiHarness.start({ text: '', toolCalls: [{ name: 'read_file', input: { path: 'a.py' } }] }, { flavor: 'compatible' });
    try {
      const provider = openaiHarness.provider(fake.url, new MemoryLogger(), { dialect: 'compatible', defaultModel: 'qwen2.5-coder' });
      const result = await provider.chat({ messages: [{ role: 'user', content: 'go' }], purpose: 'deep-debug', tools: [READ_FILE] });
      assert.deepEqual(result.toolCalls?.map((c) => [c.name, c.input]), [['read_file', { path: 'a.py' }]]);
      assert.equal(fake.requests[0].body.tools[0].function.name, 'read_file');
    } finally {
      await fake.close();
    }
  });
});

/**
 * The ChatML conversation format the generated models declare. The Jinja template goes into the
 * GGUF file (`tokenizer.chat_template`) for other tools to read; the server renders the same
 * format with `renderChatPrompt`, so no template engine is needed.
 */

export const SPECIAL_TOKENS = {
  endOfText: '<|endoftext|>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>'
} as const

export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"

export interface ChatMessage {
  role: string
  content: string
}

/** The prompt text for `messages`, ending with the assistant's turn opened. */
export function renderChatPrompt(messages: readonly ChatMessage[]): string {
  let prompt = ''
  for (const message of messages) {
    prompt += `${SPECIAL_TOKENS.imStart}${message.role}\n${message.content}${SPECIAL_TOKENS.imEnd}\n`
  }
  return `${prompt}${SPECIAL_TOKENS.imStart}assistant\n`
}

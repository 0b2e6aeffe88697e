/**
 * The text the tokenizer's merges are learnt from (written for this project). Ordinary English
 * with numbers, punctuation, code-like words and a few non-ASCII characters, so that prompts
 * tokenize into realistic word pieces and some tokens end in the middle of a UTF-8 character.
 */
export const TRAINING_TEXT = `A language model reads a prompt, one token at a time, and then writes its answer one token at a time.
The first token takes the longest, because the whole prompt has to be read before anything can be written.
After that, every new token costs about the same: the model looks back at what it has already seen and picks the next piece.
When many people ask questions at the same time, the server puts their requests into one batch and runs them together.
A bigger batch keeps the machine busy, but each request then waits a little longer for its next token.

We measure the time to the first token, the time between tokens, and the time for the whole answer.
We also count how many tokens the server returns per second, and how many requests finish within the limits we set.
If a change to the server makes these numbers worse, the check on the pull request fails and tells us by how much.
Numbers from one run are noisy, so we repeat the run three times or more and compare the runs, not single requests.

The weather report for the week: on Monday it was 12 degrees and cloudy, on Tuesday 15 degrees with light rain,
on Wednesday 18 degrees and sunny, and on Thursday the wind came back from the north at 40 km per hour.
The train left the station at 7:45 and arrived at 9:30, which is 105 minutes, or one hour and 45 minutes.
She paid 3.50 for the coffee, 12.80 for lunch and 64 for the tickets, so the day cost her 80.30 in total.
The café near the old market sells a crème brûlée for 4 € and a piñata for the children — both are very popular.
His résumé lists five languages, a naïve sense of humour, and a year spent in Zürich and São Paulo.

def read_config(path):
    with open(path) as handle:
        return json.load(handle)

for (let index = 0; index < items.length; index++) {
  const item = items[index]
  if (item.value > limit) return item
}

The garden was quiet in the early morning. Birds moved between the trees, and the grass was still wet from the night.
An old man walked his dog along the river, stopping now and then to look at the water and the boats going by.
Children on their way to school were talking about a game they had played the day before, and laughing about it.
In the small shop on the corner, the baker had already sold most of the bread, and the smell of it filled the street.

Good software is written for the people who read it later. Names should say what a thing is, and a function
should do one thing. Tests describe what the code promises, one behaviour each, and they run fast.
When something breaks, the error message names the file, the field and what was expected, so the fix is obvious.
Every random choice comes from a seed, so the same input gives the same output, today and next year.

Questions people ask: What is the capital of France? How do I make bread at home? Why is the sky blue?
Can you write a short poem about the sea? Please explain how a computer stores numbers in memory.
What are the main causes of inflation, and how do central banks respond to it? Summarize this article in three sentences.
Translate the following sentence into German: the meeting is moved to Friday afternoon at three o'clock.

Answers they get: Paris is the capital of France. To make bread, mix flour, water, salt and yeast, let the dough rise,
shape it, and bake it in a hot oven for about forty minutes. The sky looks blue because the air scatters blue light
more than red light. A computer stores numbers as bits, ones and zeros, grouped into bytes of eight bits each.
Central banks usually raise interest rates when prices rise too quickly, which makes borrowing more expensive.

It's a long way from here, isn't it? We'll see. They've said they'd come, and I'm sure they will.
`

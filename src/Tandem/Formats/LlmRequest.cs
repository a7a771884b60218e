namespace Tandem.Formats;

/// <summary>One request of an LLM inference trace.</summary>
/// <param name="Offset">Arrival time since the trace's first request.</param>
/// <param name="InputTokens">Prompt (context) tokens.</param>
/// <param name="OutputTokens">Generated tokens.</param>
public readonly record struct LlmRequest(TimeSpan Offset, int InputTokens, int OutputTokens);

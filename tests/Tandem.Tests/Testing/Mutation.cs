namespace Tandem.Tests.Testing;

/// <summary>One damage done to one value of a scenario file, the way a careless edit or a fuzzer does it: a number
/// far out of range (1e308, -1e308, 2^63), a string, a null, or the key (or array element) gone.</summary>
public enum Mutation { Huge, NegativeHuge, TwoToThe63, Text, Null, Delete }

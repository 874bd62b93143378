using Borealis.Engine.Buffers;

namespace Borealis.Engine.BTrees;

/// <summary>One node on a changing operation's root-to-leaf path and the child index (-1 = leftmost) taken from it.</summary>
internal readonly record struct PathStep(PinnedPage Page, int ChildIndex);

using Borealis.Common;

namespace Borealis.Storage.Log;

/// <summary>Where a log entry lives: chunk file number, byte offset and length.</summary>
public readonly record struct LogLocation(int Chunk, long Offset, int Length);

/// <summary>What the log index knows of one entry (a batch) without reading it.</summary>
public readonly record struct LogEntryInfo(Lsn PrevLsn, Lsn LastLsn, Epoch Epoch, LogLocation Location);

/// <summary>A stretch of a log chunk that failed its checks when the log was opened.</summary>
public readonly record struct DamagedEntry(LogLocation Location, Lsn PrevLsn, Lsn LastLsn, bool RangeKnown);

namespace Borealis.Streams.Api;

/// <summary>
/// An error the client is answered with, as AWS sends it: the HTTP status and a JSON body
/// <c>{"__type": Type, "message": ...}</c>. SDKs branch on the type, so it is always one AWS uses.
/// </summary>
public sealed class KinesisException : Exception
{
    public KinesisException() : this("InternalFailure", "internal failure") { }
    public KinesisException(string message) : this("InternalFailure", message) { }
    public KinesisException(string message, Exception inner) : base(message, inner) => Type = "InternalFailure";

    public KinesisException(string type, string message, int status = 400) : base(message)
    {
        Type = type;
        Status = status;
    }

    public string Type { get; } = "InternalFailure";
    public int Status { get; } = 500;
}

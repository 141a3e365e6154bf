namespace IpbesFlow.Common;

/// <summary>What every uploaded file (a draft, a CV, a meeting's document) is held to before it is kept.</summary>
public static class UploadedFiles
{
    /// <summary>The type is served back with the file: only a well-formed media type is kept (no parameters, no line
    /// breaks), anything else becomes <c>application/octet-stream</c>.</summary>
    public static string MediaType(string? declared) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(declared, out var parsed) && parsed.MediaType is { Length: <= 100 } type ? type : "application/octet-stream";

    /// <summary>A name, not a path.</summary>
    public static bool IsPlainName(string name) => name.IndexOfAny(['/', '\\', '\0']) < 0;
}

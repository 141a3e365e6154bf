using System.Text.Json;

namespace IpbesFlow.Web.Endpoints;

internal static class JsonParameters
{
    /// <summary>Parameter values may be sent as JSON strings, numbers or booleans; the planner reads them as text.</summary>
    public static Dictionary<string, string>? ToText(Dictionary<string, JsonElement>? parameters) => parameters?.ToDictionary(
        p => p.Key,
        p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
        StringComparer.Ordinal);
}

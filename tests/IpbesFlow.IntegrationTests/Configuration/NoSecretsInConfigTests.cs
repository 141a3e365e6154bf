using System.Text.Json;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Configuration;

public sealed class NoSecretsInConfigTests
{
    [Fact]
    public void No_file_in_config_holds_a_password_or_a_secret()
    {
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "config"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Walk(document.RootElement, Path.GetFileName(file), found);
        }

        found.ShouldBeEmpty("secrets come from the environment, never from files in the repository");
    }

    private static void Walk(JsonElement element, string path, List<string> found)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var secretName = property.Name.Contains("password", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("secret", StringComparison.OrdinalIgnoreCase);
            if (secretName && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 })
            {
                found.Add($"{path}:{property.Name}");
            }

            if (property.Name.Equals("ConnectionString", StringComparison.OrdinalIgnoreCase) && property.Value.GetString() is { } cs && cs.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                found.Add($"{path}:{property.Name}");
            }

            Walk(property.Value, $"{path}:{property.Name}", found);
        }
    }
}

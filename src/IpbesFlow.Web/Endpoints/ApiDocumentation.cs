using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace IpbesFlow.Web.Endpoints;

internal static class ApiDocumentation
{
    private const string Cookie = "cookie";
    private const string Bearer = "bearer";

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-docs</c>.</summary>
    public static void MapApiDocumentation(this WebApplication app)
    {
        // The API's shape is public; what it returns is not.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", options => options.WithTitle("IpbesFlow API")).AllowAnonymous();
    }

    /// <summary>What the document says beyond what the endpoints declare: how a caller signs in (the session cookie,
    /// or a personal token as a bearer), which operations need it and what they answer without it, and the values of
    /// the enums that travel in query strings.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "IpbesFlow API";
            document.Info.Description = "Review cycles of IPBES assessments: workflows, assessments, reviews, notifications.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "ipbesflow",
                Description = "The session cookie a sign-in (password, email link or the organisation's identity provider) sets.",
            };
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "ipbf_…",
                Description = "A personal API token (POST /api/tokens), read or write, revocable, expiring.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return Task.CompletedTask;
            }

            // Either way of signing in will do: two requirements, one per scheme.
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            ];
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in, or the session or token is no longer valid." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in, but not allowed this (to this assessment, for this role, with a read-only token)." });
            return Task.CompletedTask;
        });

        // A query or route parameter read as Kebab<TEnum> is a string in the document; its values are the enum's names.
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var parameter in context.Description.ParameterDescriptions)
            {
                var type = Nullable.GetUnderlyingType(parameter.Type ?? typeof(object)) ?? parameter.Type;
                if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(Kebab<>)
                    && operation.Parameters?.FirstOrDefault(p => p.Name == parameter.Name)?.Schema is OpenApiSchema schema)
                {
                    schema.Enum = [.. KebabNames.Of(type.GetGenericArguments()[0]).Select(n => (JsonNode)JsonValue.Create(n))];
                }
            }

            return Task.CompletedTask;
        });
    }
}

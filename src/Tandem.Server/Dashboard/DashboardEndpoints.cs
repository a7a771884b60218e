using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tandem.Server.Dashboard;

/// <summary>The operator dashboard at `/`: a page, its script and style, and plotly.js, all embedded in this assembly
/// (nothing is fetched from elsewhere). The page needs no key; the data it polls does (read role, from #key= or a form).</summary>
public static class DashboardEndpoints
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => File("index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{name}", (string name) => Files.ContainsKey(name) ? File(name)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no dashboard file {name}")).ExcludeFromDescription();
    }

    private static IResult File(string name)
    {
        var (bytes, type) = Files[name];
        return TypedResults.Bytes(bytes, type);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["dashboard/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[name] = (copy.ToArray(), type);
        }
        return files;
    }
}

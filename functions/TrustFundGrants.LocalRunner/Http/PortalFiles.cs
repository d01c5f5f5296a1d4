using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace TrustFundGrants.LocalRunner.Http;

/// <summary>
/// Serves the portal (web/) compressed and cacheable. Files keep their names from one release to the
/// next (no build step fingerprints them), and a page's modules must all come from the same release, so
/// every file is cached with <c>no-cache</c>: the browser keeps it and asks again with its ETag, getting
/// a 304 with no body while nothing changed. Compression covers the portal only: API responses carry
/// session-dependent data that should not go through a compressor beside attacker-chosen text.
/// </summary>
public static class PortalFiles
{
    private static readonly string[] Compressed = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"];

    public static void AddPortalFiles(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = Compressed;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    /// <summary>
    /// Front-end libraries installed from npm (package.json, pinned in package-lock.json) and served with the
    /// portal under /vendor/{package}/ from their dist folder, never from a CDN. Only these packages are served.
    /// </summary>
    public static IReadOnlyList<string> VendorPackages { get; } = ["chart.js"];

    public static void UsePortalFiles(this WebApplication app, string webRoot)
    {
        var vendor = VendorPackages
            .Select(name => (Name: name, Dist: Path.Combine(webRoot, "..", "node_modules", name, "dist")))
            .Where(p => Directory.Exists(p.Dist))
            .Select(p => (IFileProvider)new VendorFileProvider(p.Name, new PhysicalFileProvider(Path.GetFullPath(p.Dist))))
            .ToArray();
        var files = new CompositeFileProvider([new PhysicalFileProvider(webRoot), .. vendor]);
        app.UseWhen(IsPortal, portal =>
        {
            portal.UseResponseCompression();
            portal.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            portal.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.CacheControl = "no-cache";
                    headers.XContentTypeOptions = "nosniff";
                },
            });
        });
    }

    private static bool IsPortal(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/_dev", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Maps /vendor/{package}/… to the package's dist folder and nothing else.</summary>
internal sealed class VendorFileProvider(string package, IFileProvider dist) : IFileProvider
{
    private readonly string prefix = $"/vendor/{package}/";

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IFileInfo GetFileInfo(string subpath) =>
        subpath.StartsWith(prefix, StringComparison.Ordinal) ? dist.GetFileInfo(subpath[prefix.Length..]) : new NotFoundFileInfo(subpath);

    public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => NullChangeToken.Singleton;
}

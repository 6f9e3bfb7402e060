using Microsoft.Extensions.FileProviders;

namespace LaaWorkflow.Web.Hosting;

/// <summary>The dashboard's static files, as both hosts serve them: the <c>wwwroot</c> folder copied beside the app.</summary>
internal static class DashboardFiles
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static PhysicalFileProvider Provider() => new(Folder);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "starting" }));
app.Run();

/// <summary>Entry point, visible to the host tests.</summary>
public partial class Program;

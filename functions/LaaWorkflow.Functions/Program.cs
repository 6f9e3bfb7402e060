using LaaWorkflow.Functions.Api.Health;
using LaaWorkflow.Functions.CustomHandler;
using LaaWorkflow.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLocalSettings(builder.Environment);
builder.Services.AddFunctionHost(builder.Configuration);
builder.AddCustomHandler();

var app = builder.Build();
app.UseFunctionHost();
app.MapHealthApi();
app.MapCustomHandlerApi();
app.Run();

/// <summary>Entry point, visible to the host tests.</summary>
public partial class Program;

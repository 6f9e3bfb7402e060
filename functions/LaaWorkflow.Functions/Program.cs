using LaaWorkflow.Email;
using LaaWorkflow.Functions.Api.Dev;
using LaaWorkflow.Functions.Api.Health;
using LaaWorkflow.Functions.Api.Management;
using LaaWorkflow.Functions.Api.Negotiations;
using LaaWorkflow.Functions.CustomHandler;
using LaaWorkflow.Functions.Demo;
using LaaWorkflow.Functions.Hosting;

if (DemoCommand.IsRequested(args))
{
    return await DemoCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLocalSettings(builder.Environment);
builder.Services.AddFunctionHost(builder.Configuration);
builder.Services.AddWorkflow(builder.Configuration);
builder.AddCustomHandler();

var app = builder.Build();
app.UseFunctionHost();
app.MapHealthApi();
app.MapNegotiationsApi();
app.MapRespondApi();
app.MapEmailWebhooksApi();
app.MapManagementApi();
app.MapDevApi();
app.MapCustomHandlerApi();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the host tests.</summary>
public partial class Program;

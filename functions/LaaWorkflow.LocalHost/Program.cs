using LaaWorkflow.Email;
using LaaWorkflow.LocalHost.Demo;
using LaaWorkflow.LocalHost.Hosting;
using LaaWorkflow.LocalHost.Management;
using LaaWorkflow.Web.Api.Dev;
using LaaWorkflow.Web.Api.Health;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Api.Negotiations;
using LaaWorkflow.Web.Hosting;

if (DemoCommand.IsRequested(args))
{
    return await DemoCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLocalSettings(builder.Environment);
builder.Services.AddFunctionHost(builder.Configuration);
builder.Services.AddWorkflow(builder.Configuration);
builder.Services.AddLocalDurableEngine(builder.Configuration);

var app = builder.Build();
app.UseFunctionHost();
app.MapHealthApi();
app.MapNegotiationsApi();
app.MapRespondApi();
app.MapEmailWebhooksApi();
app.MapManagementApi();
app.MapDevApi();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the host tests.</summary>
public partial class Program;

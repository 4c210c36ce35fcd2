using DsProcess.Application.Common;
using DsProcess.Application.Common.Behaviours;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Infrastructure;
using DsProcess.Infrastructure.Data;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Webhooks;
using DsProcess.Application.Common.Security;
using DsProcess.Web.Components;
using DsProcess.Web.Components.Account;
using DsProcess.Web.Components.Layout;
using DsProcess.Web.Components.Shared;
using DsProcess.Web.Endpoints;
using DsProcess.Web.Endpoints.Api;
using DsProcess.Web.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using System.Text.Json.Serialization;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Each host logs through its own logger: the static Log.Logger would be shared, and taken over (or closed) by
// whichever host in the process started (or stopped) last.
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext(),
    preserveStaticLogger: true);

builder.Services.AddMediator((MediatorOptions options) =>
{
    options.Assemblies = [typeof(CreateProjectCommand)];
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.PipelineBehaviors =
    [
        typeof(LoggingBehaviour<,>), typeof(DatabaseOutageBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>),
    ];
});
// Validators hold no state: built once, not for every message (building one compiles its rules).
builder.Services.AddValidatorsFromAssemblyContaining<CreateProjectCommand>(ServiceLifetime.Singleton, includeInternalTypes: true);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);

builder.Services.AddScoped<Access>();
builder.Services.AddSingleton<SharedBoardReads>();
builder.Services.AddScoped<Notifier>();
builder.Services.AddScoped<WebhookOutcomes>();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
builder.Services.AddScoped<UiSender>();
builder.Services.AddSingleton<ThemeStyles>();

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingPersonAuthenticationStateProvider>();
var authentication = builder.Services.AddAuthentication(options =>
{
    options.DefaultScheme = IdentityConstants.ApplicationScheme;
    options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
});
authentication.AddIdentityCookies();
authentication.AddApiTokens();
authentication.AddCompanySignIn(builder.Configuration);
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/Account/Login";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
    cookie.SlidingExpiration = true;
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    cookie.Cookie.SameSite = SameSiteMode.Lax;

    // A database outage signs nobody out: a security stamp that cannot be read now is checked on the next request.
    cookie.Events.OnValidatePrincipal = async context =>
    {
        try
        {
            // In a scope of its own: the check holds the user store and a database context, and a tab's connection
            // request lasts as long as the tab; they go back to the pool as soon as the check is done.
            await using var scope = context.HttpContext.RequestServices.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>().ValidateAsync(context);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<Program>>()
                .LogWarning("The sign-in cookie's security stamp could not be checked, the database is unavailable; checking on the next request");
        }
    };
});
builder.Services.AddAuthorization();
builder.Services.AddWebSecurity(builder.Configuration);

// The API: enums by name, errors as RFC 9457 problem details, a rate limit per caller, an OpenAPI document.
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new ProjectRoleJsonConverter(allowNumbers: true));
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
});
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
{
    if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized)
    {
        context.ProblemDetails.Detail ??= "Send a valid API token: Authorization: Bearer <token>.";
    }
});
builder.Services.AddApiRateLimits(builder.Configuration);
builder.Services.AddApiDocs();

// A text field's change event carries its whole value twice (the event's copy and the binding's). The longest field
// the forms allow (the evidence links, about 5,000 characters) then takes up to 60 KB once JSON-escaped, where
// SignalR's default limit is 32 KB; a message over the limit drops the connection and the value instead of reaching
// the validator, which answers with the field's message. Every input also carries maxlength, so pastes are capped.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 64 * 1024);
builder.Services.AddMudServices(mud =>
{
    // Bottom left stays clear of the task panel, which opens on the right.
    mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
    mud.SnackbarConfiguration.VisibleStateDuration = 6000;
});

var app = builder.Build();

// Options the app refuses (such as demo data outside Development) stop it here, before any hosted service starts and
// with the host left intact, so the refusal is the one error anyone sees.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseApiDocsSecurityPolicy();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// API callers get problems instead (inside the pages' handlers, which then find the response written).
app.UseWhen(ApiCallers.IsApiRequest, api => api.UseExceptionHandler().UseStatusCodePages());
app.UseSerilogRequestLogging();
app.UseAuthentication();

// The limits run after authorization, which is where an API request's bearer token becomes its user: the API's limit
// counts per token.
app.UseAuthorization();
app.UseSignInRateLimits();

// HTTP endpoints send through the mediator in the request's scope: flow the signed-in user into it.
app.Use((context, next) =>
{
    context.RequestServices.GetRequiredService<CurrentUser>().UserId = CurrentUserId.Of(context.User);
    return next(context);
});
app.UseAntiforgery();
app.UseIdempotencyKeys();

app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapAccountEndpoints();
app.MapCompanySignIn();
app.MapExportEndpoints();
app.MapApi();
app.MapApiDocs();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = WebSecurity.FrameAncestorsAndPolicy(app.Configuration));

app.Run();

/// <summary>The web host's entry point; public so tests can start the app.</summary>
public partial class Program;

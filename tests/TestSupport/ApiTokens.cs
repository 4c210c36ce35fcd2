using System.Net.Http.Headers;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tokens;
using DsProcess.Application.Tokens.Commands.CreatePersonalToken;
using DsProcess.Application.Tokens.Commands.CreateServiceToken;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Tests;

/// <summary>API tokens for tests: made through the use cases, as a person makes them in the browser.</summary>
public static class ApiTokens
{
    public static async Task<string> CreatePersonalTokenAsync(
        this AppFixture app, TestPerson owner, TokenScope scope = TokenScope.ReadWrite, string? name = null, int lifetimeInDays = 30) =>
        (await app.SendAsync(new CreatePersonalTokenCommand(name ?? $"token {Guid.NewGuid():N}"[..20], scope, lifetimeInDays), owner)).Secret;

    /// <summary>A service token made by <paramref name="lead"/> (the fixture's lead when null).</summary>
    public static async Task<string> CreateServiceTokenAsync(
        this AppFixture app, Guid projectId, ProjectRole role, TokenScope scope = TokenScope.ReadWrite, string? name = null, TestPerson? lead = null) =>
        (await app.SendAsync(new CreateServiceTokenCommand(projectId, name ?? $"pipeline {Guid.NewGuid():N}"[..20], role, scope, 30), lead)).Secret;

    /// <summary>A client of the app's HTTP API that sends <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient ApiClient(this AppFixture app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends a message as a token would: authenticated the way the API authenticates a request.</summary>
    public static async Task<TResponse> SendWithTokenAsync<TResponse>(this AppFixture app, string token, IMessage message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<TokenAuthenticator>().CheckAsync(token, CancellationToken.None);
        var user = (CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        user.UserId = check.PersonId ?? throw new InvalidOperationException(check.Refusal);
        user.Token = check.Caller;
        return (TResponse)(await scope.ServiceProvider.GetRequiredService<ISender>().Send(message))!;
    }
}

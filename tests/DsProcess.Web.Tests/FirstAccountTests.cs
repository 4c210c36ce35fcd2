using DsProcess.Domain.People;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>The first account of an empty system becomes Admin: exactly one, however many register at the same moment.</summary>
public sealed class FirstAccountTests : IAsyncLifetime
{
    private const int Visitors = 8;

    private string _connection = "";

    public async ValueTask InitializeAsync() => _connection = await TestPostgres.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(_connection);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_people_registering_at_once_on_an_empty_system_exactly_one_becomes_admin(bool selfRegistration)
    {
        await using var app = new DsProcessApp(_connection, serveOverHttp: true, new Dictionary<string, string?>
        {
            ["DsProcess:Auth:AllowSelfRegistration"] = selfRegistration.ToString(),
        });
        // The first page served creates the data protection key that antiforgery tokens use; racing to create it is
        // not what this test is about.
        using (var warmUp = new HttpClient { BaseAddress = app.BaseAddress })
        {
            (await warmUp.GetAsync("/Account/Register")).EnsureSuccessStatusCode();
        }

        var visitors = Enumerable.Range(0, Visitors).Select(_ => new AccountClient(app.BaseAddress, AccountClient.NewAddress())).ToList();
        try
        {
            // Every visitor has the form open on the empty system (each is told it becomes the administrator), then all submit together.
            var forms = await Task.WhenAll(visitors.Select((v, i) =>
                v.OpenFormAsync("/Account/Register", AccountClient.RegistrationOf($"Visitor {i}", $"visitor{i}@test.local", AppFixture.Password))));
            var responses = await Task.WhenAll(visitors.Select((v, i) => v.PostAsync("/Account/Register", forms[i])));

            var people = await PeopleAsync(app);
            Assert.Single(people, p => p.SystemRole == SystemRole.Admin);
            Assert.Equal(selfRegistration ? Visitors : 1, people.Count);
            Assert.Equal(people.Count, responses.Count(r => r.IsRedirect()));
            Assert.All(forms, form => Assert.NotEmpty(form["__RequestVerificationToken"]));
            foreach (var refused in responses.Where(r => !r.IsRedirect()))
            {
                var page = await AccountClient.ReadAsync(refused);
                Assert.True(page.Contains("Registration is closed.", StringComparison.Ordinal), $"HTTP {(int)refused.StatusCode}: {page[..Math.Min(page.Length, 300)]}");
            }
        }
        finally
        {
            visitors.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public async Task A_form_opened_on_the_empty_system_and_sent_after_the_first_account_says_registration_is_closed()
    {
        await using var app = new DsProcessApp(_connection, serveOverHttp: true);
        using var late = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        using var first = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        var lateForm = await late.OpenFormAsync("/Account/Register", AccountClient.RegistrationOf("Late Visitor", "late@test.local", AppFixture.Password));
        var firstForm = await first.OpenFormAsync("/Account/Register", AccountClient.RegistrationOf("First Visitor", "first@test.local", AppFixture.Password));
        Assert.True((await first.PostAsync("/Account/Register", firstForm)).IsRedirect());

        var refused = await late.PostAsync("/Account/Register", lateForm);

        var page = await AccountClient.ReadAsync(refused);
        Assert.True(page.Contains("Registration is closed.", StringComparison.Ordinal), $"HTTP {(int)refused.StatusCode}: {page[..Math.Min(page.Length, 300)]}");
        Assert.Single(await PeopleAsync(app));
    }

    private static async Task<List<Person>> PeopleAsync(DsProcessApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().People.AsNoTracking().ToListAsync();
    }
}

using DsProcess.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>Sign-in cookies and antiforgery tokens one instance issues are good on every other (keys in the database).</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task Instances_starting_at_once_on_a_new_database_share_one_key_from_the_start()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var a = new DsProcessApp(database);
        var b = new DsProcessApp(database);
        try
        {
            // As two containers of a first deployment do.
            await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

            await using (var scope = a.Services.CreateAsyncScope())
            {
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync());
            }

            var fromA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            var fromB = b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.Equal("issued by a", fromB.Unprotect(fromA.Protect("issued by a")));
            Assert.Equal("issued by b", fromA.Unprotect(fromB.Protect("issued by b")));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}

using System.Text.RegularExpressions;

namespace DsProcess.Web.Tests;

/// <summary>
/// A visitor of the account pages without a browser: it fills each form as a browser would (reading the page first
/// for its antiforgery token and form name), keeps its own cookies and shows every response as it came. It comes
/// from an address of its own through the forwarded headers of a proxy on loopback, which the app believes.
/// </summary>
public sealed partial class AccountClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = [];

    public AccountClient(Uri baseAddress, string? address = null, bool https = false, string? host = null)
    {
        // Cookies by hand: a Secure cookie set under forwarded HTTPS must still come back over the plain test connection.
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        if (address is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        }

        if (https)
        {
            _http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        if (host is not null)
        {
            _http.DefaultRequestHeaders.Host = host;
        }
    }

    /// <summary>A unique client address in the documentation range, so tests never share a rate-limit budget.</summary>
    public static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref _nextAddress) % 250 + 1}";

    private static int _nextAddress = Random.Shared.Next(250);

    public bool HasCookie(string name) => _cookies.ContainsKey(name);

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Opens the page at <paramref name="path"/> and submits its form with these fields, as the browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        await PostAsync(path, await OpenFormAsync(path, fields));

    /// <summary>Opens the page at <paramref name="path"/> and fills its form, ready to be posted.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OpenFormAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        var page = await ReadAsync(await GetAsync(path));
        return new Dictionary<string, string>(fields)
        {
            ["_handler"] = FormName().Match(page).Groups[1].Value,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        };
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public Task<HttpResponseMessage> RegisterAsync(string name, string email, string password) =>
        SubmitAsync("/Account/Register", RegistrationOf(name, email, password));

    public static Dictionary<string, string> RegistrationOf(string name, string email, string password) => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    public Task<HttpResponseMessage> ChangePasswordAsync(string oldPassword, string newPassword) =>
        SubmitAsync("/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = oldPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

    /// <summary>Signs out as the app bar's form does.</summary>
    public async Task<HttpResponseMessage> SignOutAsync() => await PostAsync("/Account/Logout", await OpenSignOutFormAsync());

    /// <summary>The app bar's sign-out form: its antiforgery token is the one any of the signed-in user's forms carries.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OpenSignOutFormAsync()
    {
        var page = await ReadAsync(await GetAsync("/Account/Manage/ChangePassword"));
        return new Dictionary<string, string> { ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value };
    }

    public static Task<string> ReadAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            var deleted = pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (deleted)
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }

    [GeneratedRegex("""name="_handler" value="([^"]*)"\s*/?>""")]
    private static partial Regex FormName();

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]*)"\s*/?>""")]
    private static partial Regex Token();
}

/// <summary>What a response says, for assertions.</summary>
public static class Responses
{
    /// <summary>Where a redirect points, as a path and query on this site.</summary>
    public static string? Location(this HttpResponseMessage response) =>
        response.Headers.Location is { } location ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString : null;

    public static IEnumerable<string> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static bool IsRedirect(this HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;
}

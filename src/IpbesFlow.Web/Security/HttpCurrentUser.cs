using IpbesFlow.Identity;

namespace IpbesFlow.Web.Security;

internal sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    public Guid? UserId => http.HttpContext?.User.UserId();

    public string Name => http.HttpContext?.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "anonymous";

    public string? IpAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public System.Security.Claims.ClaimsPrincipal Principal => http.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
}

using System.CommandLine;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Cli.Commands;

internal static class UserCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The admin's email address", Required = true };
        var name = new Option<string>("--name") { Description = "Full name", DefaultValueFactory = _ => "Secretariat administrator" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read a password from standard input (otherwise: sign in with the printed link)" };
        var createAdmin = new Command("create-admin", "Create a secretariat admin account and print a single-use sign-in link (24 hours).") { email, name, passwordStdin };
        createAdmin.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            await services.GetRequiredService<Persistence.DatabaseSchema>().EnsureCurrentAsync(migrate: false, token);
            var password = parse.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(token))?.TrimEnd('\r', '\n') : null;
            await using var scope = services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            try
            {
                var user = await sender.Send(new CreateUser(parse.GetValue(email)!, parse.GetValue(name)!, password, new RoleScope(Role.SecretariatAdmin)), token);
                var secret = await sender.Send(new IssueSignInLink(user.Id), token);
                var publicUrl = services.GetRequiredService<StorageSettings>().Mail.PublicUrl.TrimEnd('/');
                Console.WriteLine($"Created admin {user.Email} ({user.Id}).");
                Console.WriteLine($"Sign in once, within 24 hours: {publicUrl}/sign-in?token={Uri.EscapeDataString(secret)}");
                return 0;
            }
            catch (Common.ValidationFailedException e)
            {
                foreach (var error in e.Errors)
                {
                    await Console.Error.WriteLineAsync($"ipbesflow: {error.Field}: {error.Message}");
                }

                return 1;
            }
            catch (Common.ConflictException e)
            {
                await Console.Error.WriteLineAsync($"ipbesflow: {e.Message}");
                return 1;
            }
        }, ct));

        return new Command("users", "Accounts.") { createAdmin };
    }
}

using IpbesFlow.Configuration;
using IpbesFlow.Startup;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Shouldly;

namespace IpbesFlow.Tests.Configuration;

public sealed class StorageSettingsTests
{
    private const string Here = "/srv/ipbesflow";

    [Fact]
    public void No_configuration_at_all_is_SQLite_files_and_mail_folder_under_data()
    {
        var settings = Settings([]);

        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.DataDirectory.ShouldBe("/srv/ipbesflow/data");
        settings.ConnectionString.ShouldContain("/srv/ipbesflow/data/ipbesflow.db");
        settings.SchedulerConnectionString.ShouldContain("/srv/ipbesflow/data/scheduler.db");
        settings.MigrateOnStart.ShouldBeTrue();
        settings.SchedulerClustered.ShouldBeFalse();
        settings.Mail.Smtp.ShouldBeNull();
        settings.Mail.PickupDirectory.ShouldBe("/srv/ipbesflow/data/mail");
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgresql")]
    [InlineData("Npgsql")]
    public void PostgreSQL_is_configuration_only_and_defaults_to_a_clustered_scheduler_without_migrating(string provider)
    {
        var settings = Settings(new() { ["Database:Provider"] = provider, ["Database:ConnectionString"] = "Host=db;Database=ipbes;Username=u;Password=p" });

        settings.Provider.ShouldBe(DatabaseProvider.Postgres);
        settings.SchedulerConnectionString.ShouldBe(settings.ConnectionString);
        settings.SchedulerClustered.ShouldBeTrue();
        settings.MigrateOnStart.ShouldBeFalse();
    }

    [Fact]
    public void PostgreSQL_connections_prepare_the_statements_they_repeat_unless_the_operator_says_otherwise()
    {
        var settings = Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "Host=db;Database=ipbes;Username=u;Password=p" });
        var chosen = Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "Host=db;Database=ipbes;Username=u;Password=p;maxautoprepare=0" });

        new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare.ShouldBe(100);
        new NpgsqlConnectionStringBuilder(settings.ConnectionString).Password.ShouldBe("p");
        new NpgsqlConnectionStringBuilder(chosen.ConnectionString).MaxAutoPrepare.ShouldBe(0);
    }

    [Fact]
    public void The_database_is_described_without_its_password()
    {
        var settings = Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "Host=db;Port=5433;Database=ipbes;Username=u;Password=hunter2" });

        settings.DescribeDatabase().ShouldBe("PostgreSQL db:5433/ipbes");
    }

    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider 'Oracle' is not supported. Set Database__Provider to Sqlite (the default) or Postgres.")]
    [InlineData("Database:MigrateOnStart", "yes", "Database:MigrateOnStart is 'yes', which is not true or false. Fix Database__MigrateOnStart.")]
    [InlineData("Mail:Smtp:Port", "seventy", "Mail:Smtp:Port is 'seventy', which is not a port number. Fix Mail__Smtp__Port.")]
    [InlineData("Mail:Smtp:PoolSize", "0", "Mail:Smtp:PoolSize is '0'; give a number of connections from 1 to 64. Fix Mail__Smtp__PoolSize.")]
    [InlineData("Mail:Outbox:MaxAttempts", "-3", "Mail:Outbox:MaxAttempts is '-3'; give a positive whole number. Fix Mail__Outbox__MaxAttempts.")]
    [InlineData("Mail:From", "secretariat", "Mail:From is 'secretariat', which is not a mail address. Fix Mail__From, e.g. 'IPBES <no-reply@ipbes.net>'.")]
    public void A_bad_value_is_refused_with_the_setting_named(string key, string value, string message)
    {
        var values = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Mail:Smtp", StringComparison.Ordinal))
        {
            values["Mail:Smtp:Host"] = "smtp.example.org";
        }

        Should.Throw<StartupCheckException>(() => Settings(values)).Message.ShouldBe(message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_says_what_to_set()
    {
        Should.Throw<StartupCheckException>(() => Settings(new() { ["Database:Provider"] = "Postgres" }))
            .Message.ShouldStartWith("Database:Provider is Postgres but Database:ConnectionString is empty. Set Database__ConnectionString");
    }

    [Fact]
    public void An_SMTP_host_switches_mail_from_files_to_SMTP_and_never_prints_the_password()
    {
        var settings = Settings(new()
        {
            ["Mail:Smtp:Host"] = "smtp.example.org",
            ["Mail:Smtp:Port"] = "587",
            ["Mail:Smtp:Security"] = "starttls",
            ["Mail:Smtp:UserName"] = "tsu",
            ["Mail:Smtp:Password"] = "hunter2",
        });

        settings.Mail.PickupDirectory.ShouldBeNull();
        settings.Mail.Smtp.ShouldBe(new SmtpSettings("smtp.example.org", 587, SecureSocketOptions.StartTls, "tsu", "hunter2"));
        settings.Mail.Smtp!.ToString().ShouldNotContain("hunter2");
    }

    private static StorageSettings Settings(Dictionary<string, string?> values) =>
        StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Here);
}

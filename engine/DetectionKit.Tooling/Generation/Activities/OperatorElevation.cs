using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An engineer with a legacy IAM user assuming the operator role from the CLI, which requires MFA:
/// the role session is MFA-authenticated and carries the engineer's name as source identity.
/// </summary>
internal sealed class OperatorElevation : IActivity
{
    private const string Role = "PlatformOperator";

    public double Weight => 0.6;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = random.Pick(traffic.Organization.Workloads.Where(a => a.IamUsers.Any(u => u.Owner is not null)).ToList());
        var user = random.Pick(account.IamUsers.Where(u => u.Owner is not null).ToList());
        var person = user.Owner!;
        var ip = Choose.PersonIp(person, random);
        var assume = traffic.Begin(Callers.IamUserWithKey(account, user, ip, person.CliUserAgent, isCli: true))
            .Call(StsCalls.GetCallerIdentity)
            .Call(c => StsCalls.AssumeRole(c, Role, user.Name, mfaSerial: user.MfaSerial));
        var role = Callers.RoleSession(account, Role, user.Name, assume.Time, random, ip, person.CliUserAgent, mfa: true, sourceIdentity: user.Name)
            .From(ip, person.CliUserAgent, isCli: true);
        var session = assume.Fork(role, Choose.Region(account, random));
        for (var commands = random.Between(1, 3); commands > 0; commands--)
        {
            random.Pick(ConsolePages.Operations)(session.Wait(5, 120), account, 0.002);
        }

        if (random.Chance(0.5))
        {
            OperatorChanges.Any(session.Wait(5, 60), account);
        }
    }
}

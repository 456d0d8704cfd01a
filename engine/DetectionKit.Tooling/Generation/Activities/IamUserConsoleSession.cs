using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An engineer with a legacy IAM user signing in to the console with password and MFA (now and then
/// after mistyping the password) and browsing a few services; sometimes changing something, rarely
/// rotating their own access key or moving their MFA device to a new phone.
/// </summary>
internal sealed class IamUserConsoleSession : IActivity
{
    public double Weight => 1.2;

    public bool ByPeople => true;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = random.Pick(traffic.Organization.Workloads.Where(a => a.IamUsers.Any(u => u.Owner is not null)).ToList());
        var user = random.Pick(account.IamUsers.Where(u => u.Owner is not null).ToList());
        var person = user.Owner!;
        var ip = Choose.PersonIp(person, random);
        var signIn = traffic.Begin(Callers.IamUserSigningIn(account, user, ip, person.Browser));
        if (random.Chance(0.04))
        {
            signIn.Fail(c => SignInCalls.ConsoleLogin(c, success: false, mfaSerial: null), _ => ApiErrors.FailedSignIn)
                .Wait(5, 25);
        }

        signIn.Call(SignInCalls.CheckMfa).Call(c => SignInCalls.ConsoleLogin(c, success: true, user.MfaSerial));

        var session = signIn.Fork(Callers.IamUserConsole(account, user, ip, person.Browser, signIn.Time, random), Choose.Region(account, random));
        for (var pages = random.Between(2, 6); pages > 0; pages--)
        {
            var page = random.Chance(0.25) ? random.Pick(ConsolePages.Governance) : random.Pick(ConsolePages.Operations);
            page(session.Wait(4, 90), account, 0.01);
        }

        if (random.Chance(0.15))
        {
            OperatorChanges.Any(session.Wait(5, 60), account);
        }

        if (random.Chance(0.015) && user.MfaSerial is { } serial)
        {
            // A new phone: the old virtual device is deactivated and deleted, a new one created under the same name and enabled with two codes.
            session.Wait(5, 30).Call(c => IamCalls.ListMFADevices(c, user.Name))
                .Call(c => IamCalls.DeactivateMFADevice(c, user.Name, serial))
                .Call(c => IamCalls.DeleteVirtualMFADevice(c, serial))
                .Wait(10, 40).Call(c => IamCalls.CreateVirtualMFADevice(c, user.Name))
                .Wait(20, 90).Call(c => IamCalls.EnableMFADevice(c, user.Name, serial));
        }

        if (random.Chance(0.03))
        {
            // Rotating one's own key from the IAM page: the request names the caller itself.
            var newKey = "AKIA" + random.UpperAlphanumeric(16);
            session.Wait(5, 30).Call(c => IamCalls.ListAccessKeys(c, user.Name))
                .Call(c => IamCalls.CreateAccessKey(c, user.Name, newKey))
                .Wait(20, 120).Call(c => IamCalls.UpdateAccessKey(c, user.Name, user.AccessKeyId));
        }
    }
}

Feature: Sites
  An admin adds the websites Lookout tracks; each site gets a key and a snippet to paste into its pages.

  Scenario: An admin adds a site and gets its tracking snippet
    Given I am signed in as the first-run admin
    When I add a site "Shop" for origins "https://shop.example.com" in time zone "Europe/Paris"
    Then the site "Shop" is listed with time zone "Europe/Paris"
    And the snippet of "Shop" loads lookout.js with its site key

  Scenario: A site with an unknown time zone is refused, naming the field
    Given I am signed in as the first-run admin
    When I add a site "Bad" for origins "https://bad.example.com" in time zone "Mars/Olympus"
    Then the request is refused because of "timeZone"
    And no site "Bad" is listed
